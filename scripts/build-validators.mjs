// Build step (after tsc): precompile the validator of every schema the loaders use, into
// dist/input/validators/ (see src/input/precompiled-validators.ts).
import { writePrecompiledValidators } from "../dist/input/write-validators.js";
import { VALIDATED_SCHEMAS } from "../dist/scenario/validated-schemas.js";

const names = writePrecompiledValidators(VALIDATED_SCHEMAS);
console.log(`precompiled ${names.length} schema validators into dist/input/validators/`);
