// The message catalogue: every diagnostic the compiler can emit, with a stable code and Pixie's own
// wording where Pixie has one (SPEC §16). Call sites name an entry; they never write message text.
// Codes: 1xxx parser, 2xxx statements and names, 3xxx calls and arguments, 4xxx DataFrames and types,
// 5xxx px helpers and time, 6xxx px.otel, 7xxx pxlc's own rules.

import { assertNever } from '../core/assert-never.js';
import type { Span } from '../core/source.js';

export interface Message {
  readonly code: string;
  readonly text: string;
  readonly hints: readonly string[];
  /** What the message says about itself: whether it is reported at all (see MessageStatus). */
  readonly status: MessageStatus;
  /** Secondary locations: other places in the script the message is about, each with a note. */
  readonly related?: readonly RelatedNote[];
}

export interface RelatedNote {
  readonly span: Span;
  readonly text: string;
}

/** The same message with a secondary location (see `Notes` for the texts). */
export function withNote(message: Message, span: Span, text: string): Message {
  return { ...message, related: [...(message.related ?? []), { span, text }] };
}

/**
 * - `report`: an ordinary diagnostic.
 * - `cascade`: it is about a value whose own error was already reported; reporting it again would only bury the
 *   first, so it is dropped.
 * - `needsArgumentValue`: it could only be decided with the value of a script argument that is known when the
 *   script runs; a function-based entry point is then compiled when it runs (checker/entry-points.ts).
 */
export type MessageStatus =
  | { readonly kind: 'report' }
  | { readonly kind: 'cascade' }
  | { readonly kind: 'needsArgumentValue'; readonly name: string };

/** What a message calls a value's kind ("received Dict"), and what the value's state says about the message. */
export type KindWord =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'failed' }
  | { readonly kind: 'argument'; readonly name: string };

const REPORT: MessageStatus = { kind: 'report' };

const m = (code: string, text: string, ...hints: string[]): Message => ({ code, text, hints, status: REPORT });

/** A message argument that may be a value's kind word (or plain text). */
type Kind = string | KindWord;

/** The text of a kind word. A failed value's word is never shown: its message is a cascade. */
export function kindText(k: Kind): string {
  if (typeof k === 'string') return k;
  switch (k.kind) {
    case 'word':
      return k.text;
    case 'failed':
      return 'a value with an error';
    case 'argument':
      return `script argument '${k.name}' (known only when the script runs)`;
    default:
      return assertNever(k);
  }
}

/** A message about values of these kinds: a cascade if one of them failed, undecidable if one is an argument. */
function about(message: Message, ...kinds: readonly Kind[]): Message {
  for (const k of kinds) {
    if (typeof k !== 'string' && k.kind === 'failed') return { ...message, status: { kind: 'cascade' } };
  }
  for (const k of kinds) {
    if (typeof k !== 'string' && k.kind === 'argument')
      return { ...message, status: { kind: 'needsArgumentValue', name: k.name } };
  }
  return message;
}

export const Messages = {
  // ---- parser ----
  emptyQuery: () => m('PXL1001', 'Query should not be empty.'),
  syntaxError: (detail: string) => m('PXL1002', `SyntaxError: ${detail}`),
  cantAssignTo: (name: string) => m('PXL1003', `SyntaxError: can't assign to ${name}`),
  unexpectedIndent: () => m('PXL1004', 'IndentationError: unexpected indent'),
  unindentMismatch: () => m('PXL1005', 'IndentationError: unindent does not match any outer indentation level'),
  inconsistentTabs: () => m('PXL1006', 'IndentationError: inconsistent use of tabs and spaces in indentation'),
  expectedIndentedBlock: (after?: { readonly what: string; readonly line: number }) =>
    m(
      'PXL1007',
      `IndentationError: expected an indented block${after ? ` after ${after.what} on line ${after.line}` : ''}`,
    ),
  missingKeywordComma: (name: string) =>
    m(
      'PXL1008',
      `keyword argument '${name}' is not preceded by a comma`,
      'Pixie accepts this, but add the comma: other Python tools will not.',
    ),
  nonDecimalInt: (text: string) =>
    m(
      'PXL1009',
      `SyntaxError: integer literal '${text}' is not a decimal number`,
      'Pixie reads integer literals in base 10 only; write the value in decimal.',
    ),
  unterminatedString: (triple: boolean, detectedAtLine: number) =>
    m(
      'PXL1010',
      `SyntaxError: unterminated ${triple ? 'triple-quoted ' : ''}string literal (detected at line ${detectedAtLine})`,
    ),
  tooDeep: () => m('PXL1011', 'SyntaxError: expression nested too deeply'),
  unclosedBracket: (open: string) => m('PXL1013', `SyntaxError: '${open}' was never closed`),
  forgotComma: () => m('PXL1014', 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'),
  unmatchedBracket: (close: string) => m('PXL1015', `SyntaxError: unmatched '${close}'`),
  mismatchedBracket: (close: string, open: string, openLine?: number) =>
    m(
      'PXL1016',
      `SyntaxError: closing parenthesis '${close}' does not match opening parenthesis '${open}'${openLine === undefined ? '' : ` on line ${openLine}`}`,
    ),
  // Pixie's own parser (libpypa) texts for the places it has one.
  expectedToken: (token: ')' | ']' | '}' | ':' | '`') => m('PXL1017', `SyntaxError: Expected \`${token}\``),
  expectedOperand: (after: 'operator' | 'assignment operator' | 'comparison operator') =>
    m('PXL1018', `SyntaxError: Expected expression after ${after}`),
  expectedNewline: () => m('PXL1019', 'SyntaxError: Expected new line after statement'),
  expectedAttributeName: () => m('PXL1020', 'SyntaxError: Expected identifier after `.`'),
  expectedSubscript: () => m('PXL1021', 'SyntaxError: Expected expression within `[]`'),
  expectedParameterName: () => m('PXL1022', 'SyntaxError: Expected name identifier in args'),
  tooDeepBlocks: () =>
    m('PXL1023', 'SyntaxError: too many statically nested blocks', 'Blocks (def, if, for, ...) nest at most 150 deep.'),
  python3Only: (what: string) =>
    m('PXL1012', 'SyntaxError: invalid syntax', `${what} are Python 3 syntax: PxL is parsed with a Python 2 grammar.`),

  // ---- statements, names, modules ----
  unsupportedStatement: (kind: string) =>
    m('PXL2001', `Can't parse expression of type ${kind}`, ...statementHint(kind)),
  unsupportedExpression: (kind: string) => m('PXL2002', `Expression node '${kind}' not defined`),
  operatorNotHandled: (op: string) => m('PXL2003', `Operator '${op}' not handled`, ...operatorHint(op)),
  boolOpArity: (op: string) =>
    m('PXL2004', `Expected two arguments to '${op}'.`, `Add parentheses: (a ${op} b) ${op} c.`),
  compareChain: (op: string) =>
    m('PXL2005', `Only expected one argument to the right of '${op}'.`, 'Split the chain: (a < b) and (b < c).'),
  singleTarget: () => m('PXL2006', 'We only support single target assignment.'),
  assignTarget: () => m('PXL2007', 'Assignment target must be a Name or Subscript'),
  returnOutsideFunction: () => m('PXL2008', "'return' outside function"),
  noRunnableCode: () => m('PXL2009', 'No runnable code found'),
  nameNotDefined: (name: string, suggestion?: string) =>
    m('PXL2010', `name '${name}' is not defined`, ...didYouMean(suggestion)),
  moduleNotFound: (name: string) => m('PXL2011', `ModuleNotFoundError: No module named '${name}'`),
  cannotImportName: (name: string, mod: string) => m('PXL2012', `cannot import name '${name}' from '${mod}'`),
  noAttribute: (type: Kind, attr: Kind, suggestion?: string) =>
    about(
      m('PXL2013', `'${kindText(type)}' object has no attribute '${kindText(attr)}'`, ...didYouMean(suggestion)),
      type,
      attr,
    ),
  notCallable: (type: Kind) => about(m('PXL2014', `'${kindText(type)}' object is not callable`), type),
  dataframeNoMethod: (name: string) => m('PXL2015', `dataframe has no method '${name}'`),
  expressionNotCallable: () => m('PXL2016', 'expression object is not callable'),
  notSubscriptable: (type: Kind) => about(m('PXL2017', `'${kindText(type)}' object is not subscriptable`), type),
  subscriptAssignNotAllowed: (type: Kind) =>
    about(m('PXL2018', `Subscript assignment not allowed for ${kindText(type)} objects`), type),
  assignFromNonName: (kind: string) =>
    m('PXL2019', `Can only assign to Dataframe by subscript from Name, received ${kind}`),
  notAvailableInContext: (name: string) =>
    m(
      'PXL2020',
      `name '${name}' is not available in this context`,
      'A column assignment may only read columns of the DataFrame it assigns to; merge the DataFrames first.',
    ),
  assignTargetNotColumn: (got: string) =>
    m(
      'PXL2027',
      `Expected 'Column' in arg 'assignment target', got '${got}'`,
      'A DataFrame method cannot be replaced by a column: choose another column name.',
    ),
  pxtraceNoColumns: () =>
    m(
      'PXL2021',
      'the bpftrace program prints no columns: its table\'s columns come from printf("name:%d other:%s", ...) fields',
      "Pixie names the columns of a bpftrace tracepoint's table after the fields of its printf.",
    ),
  goProbe: () =>
    m(
      'PXL3015',
      "pxtrace.probe traces a function of a running binary, and its table's columns come from that binary's debug information, which only Pixie's agents read: pxlc cannot check or run it",
      'pxlc runs bpftrace tracepoints: pxtrace.UpsertTracepoint(name, table_name, program, pxtrace.kprobe(), ttl) with a bpftrace program whose printf names the columns.',
    ),
  pxtraceArgs: () =>
    m(
      'PXL2028',
      'pxtrace.UpsertTracepoint needs a name, a table name and a program as string literals',
      "UpsertTracepoint(name, table_name, program, pxtrace.kprobe(), ttl), as in Pixie's bpftrace scripts.",
    ),
  indexNotInteger: (coll: Kind, kind: Kind) =>
    about(m('PXL2022', `${kindText(coll)} indices must be integers, not ${kindText(kind)}`), coll, kind),
  indexOutOfRange: (coll: string) => m('PXL2023', `${coll} index out of range`),
  sliceNotIndex: () => m('PXL2024', "'Slice' object must be an index"),
  assignAttrOnNone: (attr: string) => m('PXL2025', `Cannot assign attribute ${attr} to object of type None`),
  starArgsIgnored: () =>
    m(
      'PXL2026',
      '*args and **kwargs are not supported in calls',
      'Pixie silently drops them; pass the arguments explicitly.',
    ),

  // ---- calls and arguments ----
  defaultValuesNotSupported: () => m('PXL3001', 'default values not supported in function definitions'),
  varArgsNotSupported: () => m('PXL3002', 'variable length args are not supported in function definitions'),
  varKwargsNotSupported: () => m('PXL3003', 'variable length kwargs are not supported in function definitions'),
  tooManyArgs: (fn: string, n: number, given: number) =>
    m('PXL3004', `${fn}() takes ${n} arguments but ${given} were given.`),
  multipleValues: (fn: string, arg: string) => m('PXL3005', `${fn}() got multiple values for argument '${arg}'`),
  unexpectedKeyword: (fn: string, arg: string, suggestion?: string) =>
    m('PXL3006', `${fn}() got an unexpected keyword argument '${arg}'`, ...didYouMean(suggestion)),
  missingArgs: (fn: string, names: readonly string[]) =>
    m(
      'PXL3007',
      `${fn}() missing ${names.length} required positional arguments ${names.map((n) => `'${n}'`).join(',')}`,
    ),
  expectedArgType: (arg: Kind, want: Kind, got: Kind) =>
    about(
      m('PXL3008', `Expected arg '${kindText(arg)}' as type '${kindText(want)}', received '${kindText(got)}'`),
      arg,
      want,
      got,
    ),
  expectedExpressionIn: (arg: Kind, got: Kind) =>
    about(m('PXL3009', `Expected 'expression' in arg '${kindText(arg)}', got '${kindText(got)}'`), arg, got),
  annotationMismatch: (want: Kind, got: Kind) =>
    about(m('PXL3010', `Expected '${kindText(want)}', received '${kindText(got)}'`), want, got),
  udfArgNotExpression: (fn: Kind, kind: Kind) =>
    about(m('PXL3011', `Argument to '${kindText(fn)}' must be an expression, received ${kindText(kind)}`), fn, kind),
  initArgNotLiteral: (i: number, kind: string) =>
    m('PXL3012', `expected init argument ${i} to be a primitive data type, received ${kind}`),
  callsTooDeep: (max: number) =>
    m(
      'PXL3020',
      `function calls nested too deeply (more than ${max})`,
      'PxL functions are inlined: each call nested in another is one level.',
    ),
  exprTooDeep: () =>
    m(
      'PXL7002',
      'expression nested too deeply once function calls are inlined',
      'Split the expression into columns assigned one after another.',
    ),
  planTooLarge: (what: string) =>
    m(
      'PXL3022',
      `the script's plan is too large: ${what}`,
      'pxlc compiles at most 20 000 operators and 50 000 columns over all their outputs (a column assignment after a filter copies every column assigned before it). Split the script, or assign the columns before filtering.',
    ),
  tooManyCalls: (max: number) =>
    m(
      'PXL3021',
      `more than ${max} calls of user functions to inline`,
      'PxL functions are inlined: a function that calls another twice doubles the calls at every level. Assign the result of a call to a variable and use the variable.',
    ),
  recursiveCall: (fn: string) =>
    m('PXL3013', `recursive call of '${fn}': PxL functions are inlined and have no 'if', so recursion never ends`),
  /** `overloads`: the signatures it does accept, listed in a hint when there are a few. */
  udfNotFound: (fn: string, types: readonly string[], overloads: readonly string[] = []) =>
    m(
      'PXL3014',
      `Could not find UDF '${fn}' with arguments [${types.join(',')}].`,
      ...(overloads.length > 0 && overloads.length <= 12 ? [`'${fn}' accepts ${overloads.join(' | ')}`] : []),
    ),
  compiledAtRunTime: (arg: string, fn: string) =>
    m(
      'PXL3016',
      `script argument '${arg}' is needed here to compile ${fn}: ${fn} is checked and compiled when it runs, with the value given`,
      `Pixie compiles a vis script with its arguments' values; list the values ${arg} may take as validValues in vis.json to check each of them now.`,
    ),
  noEntryPoint: (fn: string) => m('PXL3017', `Function to execute, '${fn}', not found.`),
  returnsNotDataFrame: (fn: string, kind: string) =>
    m('PXL3018', `Function '${fn}' returns '${kind}' but should return a DataFrame.`),
  returnsNotDataFrameAt: (fn: string, kind: string, i: number) =>
    m('PXL3019', `Function '${fn}' returns '${kind}' at index ${i}. All returned objects must be dataframes.`),

  // ---- DataFrames and types ----
  tableNotFound: (t: string, suggestion?: string) => m('PXL4001', `Table '${t}' not found.`, ...didYouMean(suggestion)),
  selectColumnNotFound: (c: Kind, suggestion?: string) =>
    about(m('PXL4002', `cannot find column ${kindText(c)} in table type container`, ...didYouMean(suggestion)), c),
  columnNotFound: (c: string, available: readonly string[], suggestion?: string) =>
    m(
      'PXL4003',
      `Column '${c}' not found in parent dataframe`,
      ...didYouMean(suggestion),
      `available columns: ${available.join(', ')}`,
    ),
  filterNotBoolean: (expr: string, type: string) =>
    m('PXL4004', `Expected Boolean for Filter expression '${expr}', got ${type}`),
  badSubscript: (kind: Kind) =>
    about(
      m('PXL4005', `subscript argument must have a list of strings or expression. '${kindText(kind)}' not allowed`),
      kind,
    ),
  duplicateProjection: (c: string) =>
    m(
      'PXL4006',
      `cannot specify the same column name more than once when filtering by cols. '${c}' specified more than once`,
    ),
  groupbyNotFollowedByAgg: (op: string) =>
    m('PXL4007', `'groupby()' should be followed by an 'agg()' or a 'rolling()' not a ${op}`),
  aggNotTuple: (name: Kind, kind: Kind) =>
    about(m('PXL4008', `Expected tuple for ${kindText(name)} but received ${kindText(kind)}`), name, kind),
  aggTupleElements: () =>
    m('PXL4009', 'All elements of the agg tuple must be column names, except the last which should be a function'),
  aggTupleNotFunc: (kind: Kind) =>
    about(m('PXL4010', `Expected second tuple argument to be type Func, received ${kindText(kind)}`), kind),
  castNotAllowed: (from: string, to: string) =>
    m('PXL4012', `Cannot cast from '${from}' to '${to}'. Only semantic type casts are allowed.`),
  joinType: (how: Kind) =>
    about(
      m('PXL4013', `'${kindText(how)}' join type not supported. Only {inner,left,outer,right} are available.`),
      how,
    ),
  joinKeyCount: () => m('PXL4014', "'left_on' and 'right_on' must contain the same number of elements."),
  joinKeyTypes: (i: number, l: string, lt: string, r: string, rt: string) =>
    m(
      'PXL4015',
      `join columns specified in \`left_on\` and \`right_on\` must have the same datatype, but the ${i}-th columns disagree. ["${l}" (${lt}) vs "${r}" (${rt})]`,
    ),
  suffixesKind: (kind: Kind) =>
    about(
      m(
        'PXL4016',
        `'suffixes' must be a list with 2 strings for the left and right suffixes. Received ${kindText(kind)}`,
      ),
      kind,
    ),
  suffixesCount: (n: number) => m('PXL4017', `'suffixes' must be a list with 2 elements. Received ${n}`),
  mergeDuplicate: (c: string, l: string, r: string) =>
    m('PXL4018', `duplicate column '${c}' after merge. Change the specified suffixes ('${l}','${r}') to fix this`),
  unionSchema: (detail: string) => m('PXL4019', `Table schema disagreement between parent ops. ${detail}`),
  rollingNotImplemented: () => m('PXL4020', 'Rolling operator not yet implemented'),
  windowingOnlyOnTime: (col: string) => m('PXL4029', `Windowing is only supported on time_ at the moment, not ${col}`),
  windowSizeNotPositive: () => m('PXL4030', 'Window size must be > 0'),
  mapNotCallable: () => m('PXL4021', 'Map assign not callable. use the attribute assignment syntax instead.'),
  metadataKey: (key: string, suggestion?: string) =>
    m('PXL4022', `'${key}' unavailable metadata key.`, ...didYouMean(suggestion)),
  metadataSource: (need: readonly string[], have: readonly string[]) =>
    m(
      'PXL4023',
      `Can't resolve metadata because of lack of converting columns in the parent. Need one of [${need.join(',')}]. Parent type has columns [${have.join(',')}] available.`,
    ),
  noOutput: () => m('PXL4024', 'query does not output a result, please add a px.display() statement'),
  expectedDataFrame: (kind: Kind) => about(m('PXL4025', `Expected DataFrame, received ${kindText(kind)}`), kind),
  emptyAgg: () => m('PXL4026', 'agg() needs at least one aggregate when the DataFrame is not grouped'),
  streamUnsupported: () =>
    m('PXL4027', 'df.stream() is not supported by pxlc: compiled scripts run on a bounded window'),
  columnFromOtherDataFrame: (col: string) =>
    m(
      'PXL4028',
      `column '${col}' is taken from another DataFrame`,
      'Pixie reads the column by name from the DataFrame being assigned to; use that DataFrame or merge first.',
    ),

  // ---- px helpers and time ----
  timeFormat: (reason: Kind) =>
    about(
      m(
        'PXL5001',
        `Time string is in wrong format.\nFailed to parse time: '${kindText(reason)}'`,
        "Use a relative time such as '-5m' (units ms, s, m, h, d) or an absolute 'YYYY-MM-DD HH:MM:SS -0700'.",
      ),
      reason,
    ),
  exportSpecKind: (kind: Kind) =>
    about(m('PXL5003', `Expected 'spec' to be an export config. Received a ${kindText(kind)}`), kind),
  equalsAnyCollection: () => m('PXL5004', "'comparisons' must be a collection"),
  equalsAnyEmpty: () => m('PXL5005', "'comparisons' cannot be an empty collection"),
  equalsAnyItem: (i: number, kind: Kind) =>
    about(m('PXL5006', `Expected item in index ${i} be an expression, received ${kindText(kind)}`), kind),
  invalidUuid: (s: Kind) => about(m('PXL5007', `'${kindText(s)}' is not a valid UUID`), s),
  strptimeFailed: (reason: string) =>
    m(
      'PXL5009',
      `Failed to parse time: '${reason}'`,
      'px.strptime reads the whole string with the format: %Y %m %d %H %M %S %z ... must each match, and other characters match themselves.',
    ),
  argumentNotParsed: (value: string, as: string) =>
    m(
      'PXL3023',
      `Failed to parse arg '${value}' as '${as}'`,
      "a list argument is written as a PxL list of literals, e.g. ['resp_status', 'upid']",
    ),
  argumentNotList: (got: string, value: string) => m('PXL3024', `Expected 'list' got '${got}' for expr '${value}'`),
  durationPartIgnored: (text: string, ignored: string) =>
    m(
      'PXL5010',
      `only the first part of the duration '${text}' counts: '${ignored}' is ignored`,
      "Pixie reads one number and unit from a time string; write the whole duration in one unit (e.g. '-61s').",
    ),
  upidRange: (what: string, v: string) =>
    m('PXL5008', `${what} value '${v}' out of range for a 32-bit number (min is 0 and max is 4294967295)`),

  // ---- px.otel ----
  noEndpoint: () => m('PXL6001', 'no default config found for endpoint, please specify one'),
  endpointKind: (kind: Kind) =>
    about(m('PXL6002', `expected Endpoint type for 'endpoint' arg, received ${kindText(kind)}`), kind),
  headersKind: (kind: Kind) =>
    about(m('PXL6003', `expected dict() for 'attributes' arg, received ${kindText(kind)}`), kind),
  dataNotCollection: (kind: Kind) =>
    about(m('PXL6004', `Expected data to be a collection, received ${kindText(kind)}`), kind),
  dataEmpty: () => m('PXL6005', 'Must specify at least 1 data configuration'),
  dataElement: (kind: Kind) => about(m('PXL6006', `Expected an OTelDataContainer, received ${kindText(kind)}`), kind),
  resourceKind: (kind: Kind) =>
    about(m('PXL6007', `Expected resource to be a dictionary, received ${kindText(kind)}`), kind),
  serviceNameRequired: () => m('PXL6008', "'service.name' must be specified in resource"),
  attributesKind: (kind: Kind) =>
    about(m('PXL6009', `Expected attributes to be a dictionary, received ${kindText(kind)}`), kind),
  attributeKeyEmpty: () => m('PXL6010', 'Attribute key must be a non-empty string'),
  attributeValueNotObject: (kind: Kind) =>
    about(
      m('PXL6011', `Expr is not an Object. Expected column or string for attribute value, got '${kindText(kind)}'`),
      kind,
    ),
  attributeValueExpr: (expr: string) =>
    m(
      'PXL6012',
      `Expected column or string for attribute value, got '${expr}'`,
      'Compute the value into a column first, e.g. df.cluster = px.vizier_name().',
    ),
  spanAttributeLiteral: () =>
    m('PXL6013', 'column not defined', 'Span attributes must be columns: assign the literal to a column first.'),
  attributeColumnType: (c: string, t: string) =>
    m('PXL6014', `Expected attribute column '${c}' to be STRING, INT64, FLOAT64, or BOOLEAN, received ${t}`),
  metricName: () =>
    m(
      'PXL6015',
      'Metric name is invalid. Please follow the naming conventions here: https://opentelemetry.io/docs/reference/specification/metrics/api/#instrument',
    ),
  gaugeValueType: (c: string, t: string) =>
    m('PXL6016', `Expected value column '${c}' to be INT64 or FLOAT64, received ${t}`),
  timeColumnType: (c: string, t: string) => m('PXL6017', `Expected time column '${c}' to be TIME64NS, received ${t}`),
  quantileValuesKind: (kind: Kind) =>
    about(m('PXL6018', `Expected quantile_values to be a dictionary, received ${kindText(kind)}`), kind),
  quantileValuesEmpty: () => m('PXL6019', 'Summary must have at least one quantile value specified'),
  countColumnType: (c: string, t: string) => m('PXL6020', `Expected count column '${c}' to be INT64, received ${t}`),
  sumColumnType: (c: string, t: string) => m('PXL6021', `Expected sum column '${c}' to be FLOAT64, received ${t}`),
  quantileColumnType: (c: string, t: string) =>
    m('PXL6022', `Expected quantile column '${c}' to be FLOAT64, received ${t}`),
  spanNameKind: (kind: Kind) => about(m('PXL6023', `Expected string or column for 'name' '${kindText(kind)}'`), kind),
  spanNameType: (c: string, t: string) => m('PXL6024', `Expected name column '${c}' to be STRING, received ${t}`),
  spanIdType: (which: string, c: string, t: string) =>
    m('PXL6025', `Expected ${which} column '${c}' to be STRING, received ${t}`),
  endpointUrlScheme: (url: string) =>
    m(
      'PXL6026',
      `endpoint url '${url}' must be host:port without a scheme`,
      'Pixie dials the url as a gRPC target; drop the http:// or https:// prefix.',
    ),
  sumTemporality: (got: string) => m('PXL6027', `temporality must be 'cumulative' or 'delta', not '${got}'`),
  headerInvalid: (why: string) => m('PXL6028', why),
  bucketCountsKind: (kind: Kind) =>
    about(m('PXL6029', `Expected bucket_counts to be a list of columns, received ${kindText(kind)}`), kind),
  bucketColumnType: (c: string, t: string) => m('PXL6030', `Expected bucket column '${c}' to be INT64, received ${t}`),
  boundsKind: (kind: Kind) =>
    about(m('PXL6031', `Expected explicit_bounds to be a list of numbers, received ${kindText(kind)}`), kind),
  boundsNotIncreasing: () => m('PXL6032', 'explicit_bounds must be strictly increasing'),
  bucketCountMismatch: (buckets: number, bounds: number) =>
    m(
      'PXL6033',
      `Histogram has ${buckets} bucket_counts column${buckets === 1 ? '' : 's'} for ${bounds} explicit_bounds: it needs exactly one more bucket than bounds`,
      'The last bucket counts the values above the last bound, as OTLP lays buckets out.',
    ),
  numericColumnType: (arg: string, c: string, t: string) =>
    m('PXL6034', `Expected ${arg} column '${c}' to be INT64 or FLOAT64, received ${t}`),
  logBodyKind: (kind: Kind) => about(m('PXL6035', `Expected string or column for 'body' '${kindText(kind)}'`), kind),
  stringColumnType: (arg: string, c: string, t: string) =>
    m('PXL6036', `Expected ${arg} column '${c}' to be STRING, received ${t}`),
  severityNumber: (got: Kind) =>
    about(
      m(
        'PXL6037',
        `severity_number must be an integer from 0 to 24 or an INT64 column, not ${kindText(got)}`,
        'Use the constants px.otel.log.SEVERITY_NUMBER_TRACE ... SEVERITY_NUMBER_FATAL4.',
      ),
      got,
    ),
  severityColumnType: (c: string, t: string) =>
    m('PXL6038', `Expected severity_number column '${c}' to be INT64, received ${t}`),
  endpointUrlInvalid: (url: string, why: string) =>
    m(
      'PXL6039',
      `endpoint url '${url}' ${why}`,
      'Pixie dials the url as a gRPC target HOST:PORT, e.g. otel-collector.observability:4317.',
    ),
  quantileOutOfRange: (q: string) =>
    m(
      'PXL6040',
      `quantile ${q} is outside [0, 1]`,
      'A summary quantile is a fraction: 0.99 is the 99th percentile. Pixie sends this one as it is.',
    ),
  resourceColumnNotString: (key: string, c: string, t: string) =>
    m(
      'PXL6041',
      `resource attribute '${key}' is column '${c}' of type ${t}, not STRING`,
      'A resource says which service the data comes from, and backends expect its attributes to be strings; Pixie sends this one ' +
        "as it is. Convert it (px.itoa for an INT64), or move a measured value to the metric's attributes.",
    ),
} as const;

export type MessageName = keyof typeof Messages;

function didYouMean(suggestion: string | undefined): string[] {
  return suggestion === undefined ? [] : [`did you mean '${suggestion}'?`];
}

function statementHint(kind: string): string[] {
  switch (kind) {
    case 'If':
    case 'For':
    case 'While':
      return ['PxL has no control flow: filter rows with df[condition] and pick values with px.select(cond, a, b).'];
    case 'AugAssign':
      return ['Write the assignment out: x = x + 1.'];
    case 'Pass':
      return ["PxL has no 'pass': remove it."];
    case 'Print':
      return ['PxL has no print: show a DataFrame with px.display(df).'];
    default:
      return [];
  }
}

function operatorHint(op: string): string[] {
  switch (op) {
    case '&':
      return ["Use 'and' to combine conditions."];
    case '|':
      return ["Use 'or' to combine conditions."];
    case '**':
      return ['Use px.pow(x, y).'];
    case '//':
      return ['Use px.floor(a / b).'];
    case 'in':
    case 'not in':
      return ['Use px.equals_any(value, [a, b]) or px.contains(haystack, needle).'];
    default:
      return [];
  }
}

/** `#px:set` problems carry the query broker's text verbatim. */
export const flagMessage = (text: string): Message => m('PXL7001', text);

/** Texts of secondary locations. */
export const Notes = {
  columnNamedHere: (c: string) => `'${c}' is named here`,
} as const;
