// Pixie's reference for px functions, DataFrame methods and px.otel constructors (data/px-docs.json, made from
// pxl_documentation.json by scripts/import-shared.mjs), as hover and completion text.

import { createRequire } from 'node:module';

interface ArgDoc {
  readonly name: string;
  readonly types: readonly string[];
  readonly desc: string;
}

export interface PxDoc {
  readonly brief: string;
  readonly desc: string;
  readonly example: string;
  readonly overloads: readonly {
    readonly args: readonly ArgDoc[];
    readonly returns?: { readonly types: readonly string[]; readonly desc: string };
  }[];
}

let docs: ReadonlyMap<string, PxDoc> | undefined;

/** The doc of `px.name`, `px.otel.metric.Gauge` or `DataFrame.groupby`. */
export function pxDoc(name: string): PxDoc | undefined {
  docs ??= new Map(
    Object.entries(
      (createRequire(import.meta.url)('../../../data/px-docs.json') as { docs: Record<string, PxDoc> }).docs,
    ),
  );
  return docs.get(name);
}

/** `px.upid_to_pod_name(upid: UINT128) -> STRING`, one line per overload. */
export function signatures(name: string, doc: PxDoc): string[] {
  return doc.overloads.map((o) => {
    const args = o.args.map((a) => (a.types.length ? `${a.name}: ${a.types.join(' | ')}` : a.name)).join(', ');
    return `${name}(${args})${o.returns?.types.length ? ` -> ${o.returns.types.join(' | ')}` : ''}`;
  });
}

/** Markdown for hover: signatures, the brief and description, each argument, an example. */
export function docMarkdown(name: string, doc: PxDoc): string {
  const parts = [`\`\`\`python\n${signatures(name, doc).join('\n')}\n\`\`\``, doc.brief];
  if (doc.desc && doc.desc.trim() !== doc.brief.trim()) parts.push(doc.desc.trim());
  const args = doc.overloads[0]?.args ?? [];
  if (args.length > 0) parts.push(args.map((a) => `- \`${a.name}\`: ${a.desc}`).join('\n'));
  if (doc.example) parts.push(`\`\`\`python\n${doc.example}\n\`\`\``);
  return parts.join('\n\n');
}
