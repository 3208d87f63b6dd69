#!/usr/bin/env node
// The canbo command. Registers the TypeScript loader, then runs the CLI written in TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./canbo.ts");
