// citeproc-js (the processor in Zotero) on CSL-JSON: reads {style, locale, items} as JSON on stdin,
// prints a JSON list of [id, bibliography entry in plain text], one per item, each formatted alone.
const CSL = require("citeproc");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { style, locale, items } = JSON.parse(input);
  const out = items.map((item) => {
    const sys = {
      retrieveLocale: () => locale,
      retrieveItem: (id) => (id === item.id ? item : undefined),
    };
    const engine = new CSL.Engine(sys, style, "nl-NL");
    engine.setOutputFormat("text");
    engine.updateItems([item.id]);
    const [, entries] = engine.makeBibliography();
    return [item.id, entries.join("").trim()];
  });
  process.stdout.write(JSON.stringify(out));
});
