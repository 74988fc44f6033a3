/**
 * A tolerant reader of Terraform's HCL as diffs show it: blocks (`resource "a" "b" {`,
 * `node_config {`), objects and lists assigned to attributes (`eks_managed_node_groups = { gpu = {
 * … } }`, `node_pools = [{ … }]`) and scalar attributes, each with its line. It reads part of a
 * file (a hunk) as well as a whole one: closers without an opener are skipped and blocks still
 * open at the end are closed. Expressions are kept as text; only literals are interpreted.
 */

export interface HclNode {
  kind: 'block' | 'object' | 'list';
  /** Block type, or the attribute an object or list is assigned to; '' for an element of a list. */
  key: string;
  labels: string[];
  line: number;
  /** Scalar attributes: a string literal without its quotes, anything else as written. */
  attrs: Map<string, { value: string; literal: boolean; line: number }>;
  children: HclNode[];
  /** Scalar elements of a list. */
  items: Array<{ value: string; literal: boolean }>;
}

interface Token {
  text: string;
  kind: 'str' | 'word' | 'punct' | 'nl';
  line: number;
  col: number;
}

const PUNCT = new Set(['{', '}', '[', ']', '(', ')', '=', ',', ':']);

function tokenize(lines: readonly string[], lineNos: readonly number[]): Token[] {
  const out: Token[] = [];
  let heredoc: string | undefined;
  lines.forEach((text, i) => {
    const line = lineNos[i]!;
    if (heredoc !== undefined) {
      if (text.trim() === heredoc) heredoc = undefined;
      return;
    }
    let k = 0;
    while (k < text.length) {
      const c = text[k]!;
      if (c === '#' || (c === '/' && text[k + 1] === '/')) break;
      if (c === ' ' || c === '\t' || c === '\r') {
        k++;
      } else if (c === '"') {
        let j = k + 1;
        let interp = 0;
        while (j < text.length && (text[j] !== '"' || interp > 0)) {
          if (text[j] === '\\') j++;
          else if (text[j] === '$' && text[j + 1] === '{') interp++;
          else if (text[j] === '}' && interp > 0) interp--;
          j++;
        }
        out.push({ text: text.slice(k + 1, j), kind: 'str', line, col: k });
        k = j + 1;
      } else if (c === '<' && text[k + 1] === '<') {
        heredoc = /^<<-?\s*(\w+)/.exec(text.slice(k))?.[1];
        out.push({ text: '<<heredoc', kind: 'word', line, col: k });
        break;
      } else if (PUNCT.has(c)) {
        out.push({ text: c, kind: 'punct', line, col: k });
        k++;
      } else {
        let j = k;
        while (j < text.length && !PUNCT.has(text[j]!) && !/[\s"#]/.test(text[j]!)) j++;
        out.push({ text: text.slice(k, j), kind: 'word', line, col: k });
        k = j;
      }
    }
    out.push({ text: '\n', kind: 'nl', line, col: text.length });
  });
  return out;
}

/** Top-level block types: one of these at the start of a line ends whatever block was open. */
const TOP_LEVEL = /^(resource|module|data|variable|output|locals|provider|terraform|moved|import|check)$/;

const node = (kind: HclNode['kind'], key: string, line: number, labels: string[] = []): HclNode => ({ kind, key, labels, line, attrs: new Map(), children: [], items: [] });
const CLOSE: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** Parses `lines` (numbered by `lineNos`) into a root block holding the top-level blocks. */
export function parseHcl(lines: readonly string[], lineNos: readonly number[]): HclNode {
  const tokens = tokenize(lines, lineNos);
  let i = 0;
  const peek = () => tokens[i];
  /** An expression up to the end of its line or element, as text. */
  const expression = (): { value: string; literal: boolean } => {
    const parts: Token[] = [];
    let depth = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (depth === 0 && (t.kind === 'nl' || t.text === ',' || t.text === '}' || t.text === ']' || t.text === ')')) break;
      if (t.kind === 'punct' && CLOSE[t.text]) depth++;
      else if (t.kind === 'punct' && Object.values(CLOSE).includes(t.text)) depth--;
      if (t.kind !== 'nl') parts.push(t);
      i++;
    }
    if (parts.length === 1 && parts[0]!.kind === 'str') return { value: parts[0]!.text, literal: true };
    return { value: parts.map((p) => (p.kind === 'str' ? `"${p.text}"` : p.text)).join(''), literal: parts.length === 1 && /^-?\d+(\.\d+)?$/.test(parts[0]!.text) };
  };
  const body = (into: HclNode, closer: string | undefined): void => {
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t.kind === 'nl' || t.text === ',') {
        i++;
        continue;
      }
      if (t.text === '}' || t.text === ']' || t.text === ')') {
        i++;
        if (closer === undefined) continue; // a closer of a block the hunk starts inside
        return;
      }
      // A hunk that starts inside a block (its heading) may reach the next top-level block.
      if (closer !== undefined && t.kind === 'word' && t.col === 0 && TOP_LEVEL.test(t.text)) return;
      if (into.kind === 'list') {
        if (t.text === '{' || t.text === '[') {
          i++;
          const child = node(t.text === '{' ? 'object' : 'list', '', t.line);
          into.children.push(child);
          body(child, CLOSE[t.text]);
        } else into.items.push(expression());
        continue;
      }
      i++;
      if (t.kind === 'punct') continue;
      const labels: string[] = [];
      while (peek()?.kind === 'str') labels.push(tokens[i++]!.text);
      const next = peek();
      if (next?.text === '{') {
        i++;
        const child = node('block', t.text, t.line, labels);
        into.children.push(child);
        body(child, '}');
      } else if (next?.text === '=' || next?.text === ':') {
        i++;
        const open = peek();
        if (open?.text === '{' || open?.text === '[') {
          i++;
          const child = node(open.text === '{' ? 'object' : 'list', t.text, t.line);
          into.children.push(child);
          body(child, CLOSE[open.text]);
        } else into.attrs.set(t.text, { ...expression(), line: t.line });
      }
    }
  };
  const root = node('block', '', lineNos[0] ?? 1);
  body(root, undefined);
  return root;
}
