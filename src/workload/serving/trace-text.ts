/**
 * Reading a trace file into numbered lines. Loaders read the whole file (traces are at most tens
 * of MB) and walk its lines, so every error can name the 1-based line it comes from.
 */
import { basename, extname } from "node:path";

export interface TextLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** Non-blank lines with their numbers; CRLF, LF and a leading BOM are all accepted. */
export function nonBlankLines(text: string): TextLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: TextLine[] = [];
  const lines = body.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i] as string;
    if (t.trim() !== "") out.push({ line: i + 1, text: t });
  }
  return out;
}

/** Default trace name: the file name without its extension. */
export function traceNameOf(file: string): string {
  return basename(file, extname(file));
}
