// Child-process entry: records one example program's resources and prints them as JSON on stdout.
import { readProject, recordExample } from "./program";

const [exampleDir, compiledIndex] = process.argv.slice(2);
// Whatever the program itself logs must not mix with the JSON on stdout.
console.log = console.error;
recordExample(readProject(exampleDir), compiledIndex)
    .then(records => process.stdout.write(JSON.stringify(records)))
    .catch(error => {
        console.error(error);
        process.exit(1);
    });
