/* Material's search worker, wrapped so that search works the way Dutch readers type.
 *
 * - Diacritics are ignored: the index and every query are read with accents folded away
 *   ("conciërge" and "concierge" find each other). The folding keeps every character's length,
 *   so Material's highlights land on the original text, which is what readers see.
 * - Words of four or more letters also match inside longer words, from their stem:
 *   "concierge" finds "wijkconcierges", "experimenten" finds "experiment". The longer words are
 *   looked up in the site's own vocabulary (collected once, at setup) and searched as words of
 *   their own: a leading wildcard would make Lunr scan its whole index on every key press. Only a
 *   word that starts few words of the site (on fewer than RARE pages) is looked for inside others:
 *   a common word has results enough, and every extra word costs time on a large site.
 * - A query that uses Lunr's own syntax (+, -, ", *, ~, ^, field:) is left as it was typed.
 *
 * main.html points Material at this file with ?worker=<Material's worker, from the site root>;
 * it loads that worker here and reads its messages (0 setup, 1 ready, 2 query, 3 result) on the
 * way in and out. Only a worker file of Material's own assets folder is accepted. */
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const root = new URL("../", self.location.href);
const worker = new URL(self.location.href).searchParams.get("worker") || "";
if (!/^assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/.test(worker))
  throw new Error("search: unexpected worker " + worker);
const material = new URL(worker, root);

/* Fold one character to its base letter when that keeps its length ("ë" → "e"); characters
 * that do not decompose that way (ĳ, ß, ø) stay as they are. */
const folded = new Map();
function foldChar(ch) {
  let base = folded.get(ch);
  if (base === undefined) {
    base = ch.normalize("NFD").replace(/\p{M}+/gu, "");
    if (base.length !== ch.length) base = ch;
    folded.set(ch, base);
  }
  return base;
}
function fold(text) {
  return text.replace(/[^\x00-\x7f]/g, foldChar);
}

/* While Material builds its index it reads the folded text; afterwards, when it copies a
 * document to show it, the original. */
let indexing = false;
const RARE = 50;
const vocabulary = new Map(); // word (folded, lower case, five letters or more) -> pages it is on
function foldDocuments(docs) {
  for (const doc of docs) {
    const seen = new Set();
    for (const key of ["title", "text"]) {
      const original = doc[key];
      if (typeof original !== "string") continue;
      const plain = fold(original);
      for (const word of plain.replace(/<[^>]*>/g, " ").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [])
        if (word.length > 4 && !seen.has(word)) {
          seen.add(word);
          vocabulary.set(word, (vocabulary.get(word) || 0) + 1);
        }
      if (plain === original) continue;
      Object.defineProperty(doc, key, {
        get: () => (indexing ? plain : original),
        enumerable: true,
        configurable: true,
      });
    }
  }
}

function stem(word) {
  const nl = self.lunr && self.lunr.nl;
  return nl ? nl.stemmer(new self.lunr.Token(word)).toString() : word;
}

/* The words of the site that hold `part` after their first letter, shortest first (at most
 * `limit`), as the index has them: stemmed; none when words starting with `part` are on RARE
 * pages or more. */
function within(part, limit = 10) {
  let starting = 0;
  const found = [];
  for (const [word, pages] of vocabulary) {
    if (word.startsWith(part)) starting += pages;
    else if (word.indexOf(part, 1) > 0) found.push(word);
  }
  if (starting >= RARE) return [];
  found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return found.slice(0, limit).map(stem);
}

const SYNTAX = /(^|\s)[+-]|["*~^:]/;
let words = [];
function expand(query) {
  words = [];
  if (SYNTAX.test(query)) return query;
  words = fold(query).toLowerCase().split(/[\s-]+/).filter(Boolean);
  const terms = [];
  for (const word of words) {
    if (word.length < 4) {
      terms.push(word);
      continue;
    }
    const root = stem(word); // Material adds "*": the stem finds the word and its other forms
    terms.push(...(word.startsWith(root) ? [root] : [word, root]), ...within(root));
  }
  return [...new Set(terms)].join(" ");
}

/* Material marks a query word "missing" when no word of the result starts with it; a word found
 * inside a longer one is not missing. The result's words are the reader's, folded. */
function plainText(item) {
  return fold(`${item.title || ""} ${item.text || ""}`.replace(/<[^>]*>/g, "")).toLowerCase();
}
function markTerms(result) {
  if (!words.length || !result || !Array.isArray(result.items)) return;
  for (const group of result.items)
    for (const item of group) {
      const text = plainText(item);
      const terms = {};
      for (const word of words) {
        const found = text.includes(word.length >= 4 ? stem(word) : word);
        if (found || word.length >= 4) terms[word] = found;
      }
      item.terms = terms;
    }
}

const post = self.postMessage.bind(self);
self.postMessage = message => {
  if (message && message.type === READY) indexing = false;
  if (message && message.type === RESULT) markTerms(message.data);
  post(message);
};

/* Registered before Material's own listener, so it sees each message first. */
self.addEventListener("message", event => {
  const message = event.data;
  if (!message) return;
  if (message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
    foldDocuments(message.data.docs);
    indexing = true;
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = expand(message.data);
  }
});

/* Material loads its language files relative to its own worker ("../lunr/…"). */
const load = self.importScripts.bind(self);
self.importScripts = (...urls) => load(...urls.map(url => new URL(url, material).href));
self.importScripts(material.href);
