// Loaded with node --import: reports on stderr each package a process imports from @slack/ or
// @langchain/, so a test can tell which heavy libraries a command loads.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (/^@(slack|langchain)\\//.test(specifier)) process.stderr.write('module-trace: ' + specifier + '\\n');
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
