#!/usr/bin/env node
// `pnpm router-demo serve|demo …` — see README.md.
import { main } from './program';

process.exitCode = await main(process.argv.slice(2));
