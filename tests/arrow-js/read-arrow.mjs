// Reads one Arrow IPC file of the event export with Apache Arrow's JavaScript library (not the C# library that wrote
// it) and prints, as one line of JSON, its row count, column names, schema metadata and the columns the test compares.
// Usage: node read-arrow.mjs FILE COLUMN...
import { readFileSync } from "node:fs";
import { tableFromIPC, compressionRegistry, CompressionType } from "apache-arrow";
import { decompress } from "fzstd";

// The export's buffers are zstd-compressed; Arrow JS decompresses through a codec the reader registers. Each buffer is
// copied into an array of its own: Arrow JS views it as 64-bit values, which need an 8-byte-aligned offset.
compressionRegistry.set(CompressionType.ZSTD, {
  decode(data) {
    const out = decompress(data);
    const copy = new Uint8Array(out.length);
    copy.set(out);
    return copy;
  },
});

const [file, ...columns] = process.argv.slice(2);
const table = tableFromIPC(readFileSync(file));
const values = Object.fromEntries(columns.map((c) => [c, Array.from(table.getChild(c).toArray(), (v) => (typeof v === "bigint" ? v.toString() : v))]));
console.log(JSON.stringify({
  rows: table.numRows,
  columns: table.schema.fields.map((f) => f.name),
  metadata: Object.fromEntries(table.schema.metadata),
  values,
}));
