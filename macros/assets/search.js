/* Material's search worker, wrapped so that search works the way Dutch readers type.
 *
 * - Diacritics are ignored: the index and every query are read with accents folded away
 *   ("conciërge" and "concierge" find each other). The folding keeps every character's length,
 *   so Material's highlights land on the original text, which is what readers see.
 * - Words of four or more letters also match inside longer words, from their stem:
 *   "concierge" finds "wijkconcierges", "experimenten" finds "experiment".
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
function foldDocuments(docs) {
  for (const doc of docs)
    for (const key of ["title", "text"]) {
      const original = doc[key];
      if (typeof original !== "string") continue;
      const plain = fold(original);
      if (plain === original) continue;
      Object.defineProperty(doc, key, {
        get: () => (indexing ? plain : original),
        enumerable: true,
        configurable: true,
      });
    }
}

function stem(word) {
  const nl = self.lunr && self.lunr.nl;
  return nl ? nl.stemmer(new self.lunr.Token(word)).toString() : word;
}

const SYNTAX = /(^|\s)[+-]|["*~^:]/;
let words = [];
function expand(query) {
  words = [];
  if (SYNTAX.test(query)) return query;
  words = fold(query).toLowerCase().split(/[\s-]+/).filter(Boolean);
  return words.map(word => (word.length >= 4 ? `${word} *${stem(word)}` : word)).join(" ");
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
