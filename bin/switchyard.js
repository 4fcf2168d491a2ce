#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2), process.env).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
