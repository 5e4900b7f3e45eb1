#!/usr/bin/env node
// warccheck: reads a WARC (.warc or .warc.gz) with warcio.js and checks
// what warcio does not: every WARC-Block-Digest and WARC-Payload-Digest
// recomputed over the bytes, Content-Length, that every gzip member
// inflates to its end, and that every WARC-Refers-To and
// WARC-Concurrent-To names a record of the file (with the target URI and
// date a revisit claims for it, and, for an identical-payload revisit,
// the same payload digest). Prints a summary and one line per problem;
// exits 1 when there is a problem, 2 on a usage error.
//
// warcio is loaded from this folder's node_modules, installed by
// `make tools` (npm ci, pinned by package-lock.json).
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const crypto = require("crypto");
const { WARCParser } = require("warcio");

const IDENTICAL = "/revisit/identical-payload-digest";

function sha256(b) {
  return "sha256:" + crypto.createHash("sha256").update(b).digest("hex");
}

// headEnd is the index just past the blank line ending an HTTP head, -1 when none.
function headEnd(b) {
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i + 4;
  }
  return -1;
}

async function main() {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error("usage: warccheck FILE.warc[.gz]");
    process.exit(2);
  }
  const problems = [];
  const data = fs.readFileSync(file);
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      zlib.gunzipSync(data); // every member, to its trailer
    } catch (e) {
      problems.push(`gzip: ${e.message}`);
    }
  }
  const records = new Map();
  const refs = [];
  const counts = {};
  let n = 0, blocks = 0, payloads = 0;
  const parser = new WARCParser(fs.createReadStream(file), { parseHttp: false });
  try {
    for await (const rec of parser) {
      n++;
      const h = rec.warcHeaders.headers;
      const id = h.get("WARC-Record-ID");
      const type = h.get("WARC-Type");
      const where = `record ${n} (${type} ${id})`;
      counts[type] = (counts[type] || 0) + 1;
      const block = await rec.readFully(false);
      if (Number(h.get("Content-Length")) !== block.length) {
        problems.push(`${where}: Content-Length ${h.get("Content-Length")}, block has ${block.length} bytes`);
      }
      const bd = h.get("WARC-Block-Digest");
      if (bd) {
        blocks++;
        if (sha256(block) !== bd) problems.push(`${where}: WARC-Block-Digest ${bd}, block hashes to ${sha256(block)}`);
      } else if (type !== "warcinfo") {
        problems.push(`${where}: no WARC-Block-Digest`);
      }
      const pd = h.get("WARC-Payload-Digest");
      const ct = h.get("Content-Type") || "";
      if (pd && type !== "revisit" && ct.startsWith("application/http")) {
        payloads++;
        const end = headEnd(block);
        const payload = end < 0 ? block.subarray(block.length) : block.subarray(end);
        if (sha256(payload) !== pd) problems.push(`${where}: WARC-Payload-Digest ${pd}, payload hashes to ${sha256(payload)}`);
      }
      if (records.has(id)) problems.push(`${where}: record ID used twice`);
      records.set(id, { type, uri: h.get("WARC-Target-URI"), date: h.get("WARC-Date"), pd, where });
      const refersTo = h.get("WARC-Refers-To");
      if (refersTo) {
        refs.push({ where, field: "WARC-Refers-To", id: refersTo, type, pd,
          profile: h.get("WARC-Profile") || "",
          uri: h.get("WARC-Refers-To-Target-URI"), date: h.get("WARC-Refers-To-Date") });
      }
      for (const c of (h.get("WARC-Concurrent-To") || "").split(",,,").filter(Boolean)) {
        refs.push({ where, field: "WARC-Concurrent-To", id: c });
      }
    }
  } catch (e) {
    problems.push(`parse: after ${n} records: ${e.message}`);
  }
  let resolved = 0;
  for (const r of refs) {
    const to = records.get(r.id);
    if (!to) {
      problems.push(`${r.where}: ${r.field} ${r.id} is not in the file`);
      continue;
    }
    resolved++;
    if (r.type !== "revisit" || r.field !== "WARC-Refers-To") continue;
    if (r.uri !== undefined && r.uri !== to.uri) problems.push(`${r.where}: WARC-Refers-To-Target-URI ${r.uri}, the record's is ${to.uri}`);
    if (r.date !== undefined && r.date !== to.date) problems.push(`${r.where}: WARC-Refers-To-Date ${r.date}, the record's is ${to.date}`);
    if (r.profile.endsWith(IDENTICAL) && r.pd !== to.pd) problems.push(`${r.where}: payload digest ${r.pd}, the record's is ${to.pd}`);
  }
  const types = Object.keys(counts).sort().map((t) => `${t} ${counts[t]}`).join(", ");
  console.log(`${path.basename(file)}: ${n} records (${types}); ${blocks} block and ${payloads} payload digests recomputed; ` +
    `${resolved} of ${refs.length} references resolved; ${problems.length} problems`);
  for (const p of problems) console.log("  " + p);
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
