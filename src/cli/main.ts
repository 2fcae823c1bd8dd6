#!/usr/bin/env node
/** The `wattif` executable: runs the command line on this process's arguments. */
import { hideBin } from "yargs/helpers";
import { cli } from "./cli.js";

process.exitCode = await cli(hideBin(process.argv), { columns: process.stdout.columns });
