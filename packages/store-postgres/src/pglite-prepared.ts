import type { PGlite } from '@electric-sql/pglite';
import type { SqlResult } from './driver.js';

// PGlite's query() parses and plans every statement on every call. For the
// store's hot statements (a commit is one large WITH statement) planning costs
// more than running. This speaks the extended query protocol directly: Parse
// each distinct text once under a name, then only Bind + Execute, so PostgreSQL
// keeps the plan, exactly as `pg` does with named statements on a server.

const encoder = new TextEncoder();

class Writer {
  private chunks: Uint8Array[] = [];
  private size = 0;

  bytes(data: Uint8Array): this {
    this.chunks.push(data);
    this.size += data.length;
    return this;
  }

  cstring(text: string): this {
    return this.bytes(encoder.encode(text)).bytes(new Uint8Array([0]));
  }

  int16(value: number): this {
    const out = new Uint8Array(2);
    new DataView(out.buffer).setInt16(0, value);
    return this.bytes(out);
  }

  int32(value: number): this {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setInt32(0, value);
    return this.bytes(out);
  }

  /** Frame the body written so far as one protocol message of `type`. */
  message(type: string): Uint8Array {
    const out = new Uint8Array(5 + this.size);
    out[0] = type.charCodeAt(0);
    new DataView(out.buffer).setInt32(1, 4 + this.size);
    let offset = 5;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
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

  function serialize(value: unknown, oid: number): Uint8Array | null {
    if (value === null || value === undefined) return null;
    const serializer = db.serializers[oid];
    const text = serializer ? serializer(value) : typeof value === 'string' ? value : String(value);
    return encoder.encode(text);
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
        else bind.int32(encoded.length).bytes(encoded);
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
