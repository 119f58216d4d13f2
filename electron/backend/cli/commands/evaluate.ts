import { evaluate } from '../../../../shared/domain/evaluate/evaluate';
import { evaluateOutputSchema } from '../../../../shared/domain/evaluate/schema';
import { checkEvaluateInput } from '../../../../shared/domain/evaluate/validate';
import { programReportingRules, programRulesDocumentSchema, type ProgramRulesDocument } from '../../../../shared/domain/programRules/schema';
import { describeZodError } from '../../zodMessages';
import { CliError, exitCodes } from '../exitCodes';
import { readInputText } from '../inputFile';
import { parseJsonText } from '../jsonText';
import { optionalString, type CliCommand, type CliIo } from '../types';

const help = `Usage: offramp evaluate FILE.json [--rules RULES.json]
       offramp evaluate -          (read the JSON from standard input)

Runs the rules engine on one case's structured facts and prints one JSON
document: reporting obligations, law enforcement assistance criteria, the
critical-pathway stages present, recommended response options and guardrail
warnings. Needs no vault.

Input: { "program": "dod" | "federal" | "industry",
         "facts": { "<fact id>": true | false, ... },
         "indicators": [ { "category": "...", "stage": "...", "summary": "..." } ],
         "plan": [ "<option id>", ... ] }
A fact left out is unknown, not false. "offramp catalog" lists the option ids.

Options:
  --rules RULES.json  add a program's own reporting rules (the file the app's
                      Program rules screen exports) to the shipped ones, which
                      stay as they are; each obligation lists the rule ids behind it
  --json              accepted for symmetry with other commands; the output is always JSON

Exit codes: 0 evaluated; 2 a file is missing, not JSON, or names an unknown
program, fact, category, stage or option, or the rules file is not a valid
program rules document (the message says which); 1 reading failed.
`;

async function readProgramRules(path: string, io: CliIo): Promise<ProgramRulesDocument> {
  const input = await readInputText(path, io);
  const parsed = parseJsonText(input.text);
  if (!parsed.ok) {
    throw new CliError(exitCodes.usage, `The rules file ${input.name} is not valid JSON: ${parsed.reason} at line ${parsed.line}, column ${parsed.column}.`);
  }
  const doc = programRulesDocumentSchema.safeParse(parsed.value);
  if (!doc.success) throw new CliError(exitCodes.usage, `The rules file ${input.name} is not a valid program rules document: ${describeZodError(doc.error)}.`);
  return doc.data;
}

export const evaluateCommand: CliCommand = {
  path: ['evaluate'],
  summary: "Run the rules engine on one case's facts (FILE.json, or - for standard input)",
  help,
  options: { json: { type: 'boolean' }, rules: { type: 'string' } },
  positionals: { min: 1, max: 1, name: 'the input file (FILE.json, or - for standard input)' },
  async run(args, io) {
    const arg = args.positionals[0] ?? '-';
    const rulesPath = optionalString(args, 'rules');
    if (rulesPath === '-' && arg === '-') throw new CliError(exitCodes.usage, 'Only one of the input and --rules can be read from standard input.');
    const extraRules = rulesPath !== undefined ? programReportingRules(await readProgramRules(rulesPath, io)) : [];
    const input = await readInputText(arg, io);
    if (input.text.trim().length === 0) {
      throw new CliError(exitCodes.usage, `${input.name} is empty; expected a JSON object with "program".`);
    }
    const parsed = parseJsonText(input.text);
    if (!parsed.ok) {
      throw new CliError(exitCodes.usage, `${input.name} is not valid JSON: ${parsed.reason} at line ${parsed.line}, column ${parsed.column}.`);
    }
    const checked = checkEvaluateInput(parsed.value);
    if (!checked.ok) {
      throw new CliError(exitCodes.usage, `Invalid input in ${input.name}: ${checked.problems.join(' ')}`);
    }
    const result = evaluateOutputSchema.safeParse(evaluate(checked.value, { extraRules }));
    if (!result.success) {
      // The engine's own output breaking its contract is a defect, not bad input.
      throw new CliError(exitCodes.failed, `The rules engine produced an invalid result (${describeZodError(result.error)}).`);
    }
    io.stdout(`${JSON.stringify(result.data, null, 2)}\n`);
    return exitCodes.ok;
  },
};
