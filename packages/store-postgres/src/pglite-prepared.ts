import type { PGlite } from '@electric-sql/pglite';
import type { SqlResult } from './driver.js';

// PGlite's query() parses and plans every statement on every call. For the
// store's hot statements (a commit is one large WITH statement) planning costs
// more than running. This speaks the extended query protocol directly: Parse
// each distinct text once under a name, then only Bind + Execute, so PostgreSQL
// keeps the plan, exactly as `pg` does with named statements on a server.

const encoder = new TextEncoder();

/** Builds one protocol message in a single growing buffer (no per-field allocations on the hot path). */
class Writer {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  private size = 5;

  private room(extra: number): void {
    if (this.size + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.size + extra));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  bytes(data: Uint8Array): this {
    this.room(data.length);
    this.buffer.set(data, this.size);
    this.size += data.length;
    return this;
  }

  /** Write UTF-8 text; returns its byte length. */
  text(value: string): number {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    this.room(value.length * 3);
    const { written } = encoder.encodeInto(value, this.buffer.subarray(this.size));
    this.size += written;
    return written;
  }

  cstring(value: string): this {
    this.text(value);
    this.room(1);
    this.buffer[this.size] = 0;
    this.size += 1;
    return this;
  }

  int16(value: number): this {
    this.room(2);
    this.view.setInt16(this.size, value);
    this.size += 2;
    return this;
  }

  int32(value: number): this {
    this.room(4);
    this.view.setInt32(this.size, value);
    this.size += 4;
    return this;
  }

  /** A length-prefixed parameter value: reserve the length, write the text, fill the length in. */
  lengthPrefixed(value: string): this {
    this.room(4);
    const at = this.size;
    this.size += 4;
    const written = this.text(value);
    this.view.setInt32(at, written);
    return this;
  }

  /** Frame what was written as one protocol message of `type`. */
  message(type: string): Uint8Array {
    this.buffer[0] = type.charCodeAt(0);
    this.view.setInt32(1, this.size - 1);
    return this.buffer.slice(0, this.size);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const BYTEA = 17;
const SYNC = new Writer().message('S');
const EXECUTE = new Writer().cstring('').int32(0).message('E');

interface Prepared {
  name: string;
  paramTypes: number[];
  fields: Array<{ name: string; dataTypeID: number }>;
}

interface ProtocolMessage {
  name: string;
  dataTypeIDs?: number[];
  fields?: Array<{ name: string; dataTypeID: number } | string | null>;
  text?: string;
}

let nextStatement = 0;

/** A query function that keeps named prepared statements on one PGlite database. */
export function createPreparedQuery(db: PGlite): <Row>(text: string, params: readonly unknown[]) => Promise<SqlResult<Row>> {
  const prepared = new Map<string, Prepared>();

  function serialize(value: unknown, oid: number): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' && oid !== BYTEA) return value;
    const serializer = db.serializers[oid];
    return serializer ? serializer(value) : String(value);
  }

  async function prepare(text: string): Promise<Prepared> {
    const name = `ck_lite_${(nextStatement += 1)}`;
    const { messages } = await db.execProtocol(
      concat([
        new Writer().cstring(name).cstring(text).int16(0).message('P'),
        new Writer().bytes(new Uint8Array(['S'.charCodeAt(0)])).cstring(name).message('D'),
        SYNC,
      ]),
      {},
    );
    let paramTypes: number[] = [];
    let fields: Prepared['fields'] = [];
    for (const message of messages as ProtocolMessage[]) {
      if (message.name === 'parameterDescription') paramTypes = message.dataTypeIDs ?? [];
      if (message.name === 'rowDescription') {
        fields = (message.fields as Prepared['fields']).map(({ name: field, dataTypeID }) => ({ name: field, dataTypeID }));
      }
    }
    const statement = { name, paramTypes, fields };
    prepared.set(text, statement);
    return statement;
  }

  return async <Row>(text: string, params: readonly unknown[]): Promise<SqlResult<Row>> =>
    db.runExclusive(async () => {
      const statement = prepared.get(text) ?? (await prepare(text));
      const bind = new Writer().cstring('').cstring(statement.name).int16(0).int16(params.length);
      params.forEach((value, i) => {
        const encoded = serialize(value, statement.paramTypes[i] ?? 0);
        if (encoded === null) bind.int32(-1);
        else bind.lengthPrefixed(encoded);
      });
      bind.int16(0);
      const { messages } = await db.execProtocol(concat([bind.message('B'), EXECUTE, SYNC]), {});
      const rows: Row[] = [];
      let rowCount = 0;
      for (const message of messages as ProtocolMessage[]) {
        if (message.name === 'dataRow') {
          const row: Record<string, unknown> = {};
          (message.fields as Array<string | null>).forEach((value, i) => {
            const field = statement.fields[i];
            if (!field) return;
            const parser = db.parsers[field.dataTypeID];
            row[field.name] = value === null ? null : parser ? parser(value, field.dataTypeID) : value;
          });
          rows.push(row as Row);
        } else if (message.name === 'commandComplete') {
          // "INSERT 0 3", "UPDATE 2", "SELECT 1": the count is the last word.
          const count = Number((message.text ?? '').split(' ').pop());
          if (Number.isFinite(count)) rowCount = count;
        }
      }
      return { rows, rowCount: Math.max(rowCount, rows.length) };
    });
}
