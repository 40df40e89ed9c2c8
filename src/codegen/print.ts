import escodegen from 'escodegen';
import type * as es from 'estree';

export function printProgram(program: es.Program, header: string): string {
  const code = escodegen.generate(program as never, { format: { indent: { style: '  ' }, quotes: 'single' } });
  return `${header}\n${code}\n`;
}
