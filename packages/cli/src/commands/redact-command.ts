/**
 * `steno redact`: the on-device privacy filter on text, for people who write and check rules.
 * Reads standard input; prints it redacted (entities as [EMAIL], [SECRET], ...).
 */
import { readFileSync } from 'node:fs';
import { compileOrgRules, explain, redactText } from '@steno/privacy';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerRedactCommand(program: Command): void {
  program
    .command('redact')
    .description(
      'redact secrets and personal data in text read from standard input, as the device filter does',
    )
    .option('--jsonl', 'read one JSON string per line, write one JSON string per line')
    .option('--explain', 'list each detection (position, entity, detector) on standard error')
    .option('--rules <file>', 'organisation rules as JSON: {"patterns":[{"name","regex"}],"words":[...]}')
    .action(async (opts: { jsonl?: boolean; explain?: boolean; rules?: string }) => {
      let rules: Parameters<typeof redactText>[1];
      if (opts.rules) {
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(opts.rules, 'utf8'));
        } catch (cause) {
          throw new CliError(
            'RULES_INVALID',
            `cannot read rules from ${opts.rules}: give a JSON file {"patterns":[{"name","regex"}],"words":[...]}`,
            { cause },
          );
        }
        const orgRules = raw as NonNullable<Parameters<typeof compileOrgRules>[0]>;
        const compiled = compileOrgRules(orgRules);
        if (!compiled.ok)
          throw new CliError(
            'RULES_INVALID',
            `rule "${compiled.error.rule}" is invalid: ${compiled.error.reason}`,
          );
        rules = { rules: orgRules };
      }
      const input = await readStdin();
      const lines = opts.jsonl ? input.split('\n').filter((l) => l.trim() !== '') : [input];
      const out: string[] = [];
      for (const [n, line] of lines.entries()) {
        let text = line;
        if (opts.jsonl) {
          try {
            text = JSON.parse(line) as string;
          } catch {
            throw new CliError(
              'INPUT_INVALID',
              `line ${n + 1} is not a JSON string: with --jsonl each line is one, e.g. "some text"`,
            );
          }
          if (typeof text !== 'string')
            throw new CliError(
              'INPUT_INVALID',
              `line ${n + 1} is not a JSON string: with --jsonl each line is one, e.g. "some text"`,
            );
        }
        const result = redactText(text, rules);
        if (opts.explain)
          for (const l of explain(text, rules).lines) console.error(opts.jsonl ? `${n + 1}: ${l}` : l);
        out.push(opts.jsonl ? JSON.stringify(result.text) : result.text);
      }
      process.stdout.write(opts.jsonl ? `${out.join('\n')}\n` : (out[0] ?? ''));
    });
}
