// Resolves an unresolved column expression (PExpr) against the relation of the operator that uses it:
// columns by name, overloads by exact data types (SPEC §7.3), semantic types (§7.4), metadata (§9).

import { Messages } from '../diagnostics/messages.js';
import type { Expr } from '../core/plan/expr.js';
import type { DataType } from '../core/types.js';
import type { CheckContext } from './context.js';
import { functionKind, overloadList, resolveOverload } from './functions.js';
import { canonicalMetadataKey, metadataKeys, planMetadata } from './metadata.js';
import { inferScalarSemantic } from './semantic.js';
import { nearest } from './suggest.js';
import type { DataFrameValue, PExpr } from './values.js';

/** Thrown inside resolution to unwind after a diagnostic (or a silent, already-reported failure). */
class ResolveFailed extends Error {}

export function resolveExpr(ctx: CheckContext, e: PExpr, df: DataFrameValue): Expr | undefined {
  try {
    return resolve(ctx, e, df);
  } catch (err) {
    if (err instanceof ResolveFailed) return undefined;
    throw err;
  }
}

function fail(): never {
  throw new ResolveFailed();
}

function resolve(ctx: CheckContext, e: PExpr, df: DataFrameValue): Expr {
  switch (e.k) {
    case 'Lit':
      return {
        kind: 'Literal',
        dataType: e.dataType,
        semanticType: e.semanticType ?? 'ST_NONE',
        value: e.value,
        span: e.span,
      };
    case 'Now':
      return { kind: 'Now', dataType: e.dataType, semanticType: 'ST_NONE', offsetNs: e.offsetNs, span: e.span };
    case 'Plugin':
      return {
        kind: 'PluginTime',
        which: e.which,
        dataType: e.dataType,
        semanticType: 'ST_NONE',
        offsetNs: e.offsetNs,
        span: e.span,
      };
    case 'Param':
      return { kind: 'Param', name: e.name, dataType: e.dataType, semanticType: e.semanticType, span: e.span };
    case 'Col': {
      if (df.unknownColumns.has(e.name)) fail();
      const index = df.schema.findIndex((c) => c.name === e.name);
      if (index < 0) {
        const names = df.schema.map((c) => c.name);
        ctx.diags.error(e.span, Messages.columnNotFound(e.name, names, nearest(e.name, names)));
        fail();
      }
      const col = df.schema[index]!;
      if (!ctx.sources.inLibrary) ctx.index?.column(e.span, col);
      return {
        kind: 'Column',
        index,
        name: col.name,
        dataType: col.dataType,
        semanticType: col.semanticType,
        span: e.span,
      };
    }
    case 'Meta': {
      const key = canonicalMetadataKey(e.key);
      if (!key) {
        ctx.diags.error(e.span, Messages.metadataKey(e.key, nearest(e.key, metadataKeys())));
        fail();
      }
      const meta = planMetadata(key, df.schema);
      if (!meta.ok) {
        ctx.diags.error(
          e.span,
          Messages.metadataSource(
            meta.need,
            df.schema.map((c) => c.name),
          ),
        );
        fail();
      }
      const args = meta.args.map((name) => resolve(ctx, { k: 'Col', name, span: e.span, viaSubscript: false }, df));
      const resolved = call(ctx, meta.fn, args, e.span);
      if (!ctx.sources.inLibrary)
        ctx.index?.column(e.span, {
          name: `ctx['${e.key}']`,
          dataType: resolved.dataType,
          semanticType: resolved.semanticType,
        });
      return resolved;
    }
    case 'Cast': {
      const arg = resolve(ctx, e.arg, df);
      if (arg.dataType !== e.to.dataType) {
        ctx.diags.error(e.span, Messages.castNotAllowed(arg.dataType, e.to.dataType));
        fail();
      }
      return { ...arg, semanticType: e.to.semanticType };
    }
    case 'Call': {
      const args = resolveAll(ctx, e.args, df);
      return call(ctx, e.fn, args, e.span);
    }
  }
}

/** Resolves every argument before failing, so independent errors in several arguments are all reported. */
function resolveAll(ctx: CheckContext, es: readonly PExpr[], df: DataFrameValue): Expr[] {
  const out = es.map((a) => resolveExpr(ctx, a, df));
  if (out.some((a) => a === undefined)) fail();
  return out as Expr[];
}

function call(ctx: CheckContext, fn: string, args: readonly Expr[], span: PExpr['span']): Expr {
  const argTypes: DataType[] = args.map((a) => a.dataType);
  const ret = resolveOverload('udf', fn, argTypes);
  if (ret === undefined) {
    const kind = functionKind(fn);
    const overloads = kind ? overloadList(kind, fn) : [];
    ctx.diags.error(span, Messages.udfNotFound(fn, argTypes, overloads), ...timeHint(fn, argTypes));
    fail();
  }
  return {
    kind: 'Call',
    fn,
    argTypes,
    args,
    dataType: ret,
    semanticType: inferScalarSemantic(
      fn,
      args.map((a) => a.semanticType),
    ),
    span,
  };
}

function timeHint(fn: string, types: readonly DataType[]): string[] {
  if (types.includes('TIME64NS') && types.includes('INT64') && /than|equal/i.test(fn)) {
    return ["px.now() is an INT64: compare time_ with px.parse_time('-5m') or px.int64_to_time(...) instead."];
  }
  return [];
}
