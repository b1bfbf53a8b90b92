#!/usr/bin/env node
import { launch } from '../dist/src/launch.js';

process.exitCode = await launch(process.argv);
