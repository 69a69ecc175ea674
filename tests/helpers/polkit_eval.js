// Evaluates polkit JavaScript .rules files the way polkitd does (tests/integration/test_iso_kit.py):
// each file runs in a fresh context whose only global is `polkit`; the rules added are asked
// in order and the first that returns a result (not null/undefined) decides.
// argv: the .rules files; stdin: a JSON list of {subject: {...}, action: {id, details},
// users: {name: uid}}; stdout: a JSON list of results ("yes", "no", "auth_admin", ... or
// null = not handled). polkit.spawn answers exactly `/usr/bin/id -u -- NAME` from the case's
// users, as id would (a line with the uid; an unknown name fails, and spawn throws as
// polkitd's does on a non-zero exit); any other program is an error of the rules.
"use strict";
const fs = require("fs");
const vm = require("vm");

const Result = {NO: "no", YES: "yes", AUTH_SELF: "auth_self", AUTH_SELF_KEEP: "auth_self_keep",
                AUTH_ADMIN: "auth_admin", AUTH_ADMIN_KEEP: "auth_admin_keep", NOT_HANDLED: null};
const known = new Set(Object.values(Result));
const rules = [];
let users = {};
const polkit = {
    Result,
    addRule(fn) { rules.push(fn); },
    addAdminRule() {},
    log() {},
    spawn(argv) {
        const [program, flag, dashes, name, ...rest] = argv;
        if (program !== "/usr/bin/id" || flag !== "-u" || dashes !== "--" || rest.length) {
            throw new Error("polkit.spawn of an unexpected program: " + JSON.stringify(argv));
        }
        if (!Object.prototype.hasOwnProperty.call(users, name)) {
            throw new Error("Error spawning: id: '" + name + "': no such user (exit 1)");
        }
        return users[name] + "\n";
    },
};
for (const path of process.argv.slice(2)) {
    vm.runInNewContext(fs.readFileSync(path, "utf8"), {polkit}, {filename: path});
}
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map(({subject, action, users: known_users}) => {
    users = known_users || {};
    const s = Object.assign({pid: 4242, seat: "seat0", session: "2", groups: [],
                             local: true, active: true}, subject);
    s.isInGroup = (g) => s.groups.includes(g);
    s.isInNetGroup = () => false;
    const details = action.details || {};
    const a = {id: action.id, lookup: (k) => (k in details ? details[k] : undefined)};
    for (const rule of rules) {
        const r = rule(a, s);
        if (r === undefined || r === null) continue;
        if (!known.has(r)) throw new Error("a rule returned " + JSON.stringify(r));
        return r;
    }
    return null;
});
process.stdout.write(JSON.stringify(out));
