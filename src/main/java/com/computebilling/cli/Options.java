package com.computebilling.cli;

import com.computebilling.job.Refusal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name=value} options and {@code --flag}s of one command; anything else is refused. */
final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();

    private Options() {
    }

    static Options parse(String command, String[] args, int from, Set<String> valued, Set<String> flags)
            throws Refusal {
        Options o = new Options();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new Refusal("unexpected argument '" + a + "' for '" + command + "'");
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (flags.contains(name) && eq < 0) {
                o.values.put(name, "true");
            } else if (valued.contains(name) && eq > 0 && eq + 1 == a.length()) {
                // An empty --period= is not "no period": a script whose variable came out empty must not bill
                // every month of the history instead of the day it meant.
                throw new Refusal("option --" + name + " is empty (--" + name + "=...)");
            } else if (valued.contains(name) && eq > 0) {
                o.values.put(name, a.substring(eq + 1));
            } else if (valued.contains(name)) {
                throw new Refusal("option --" + name + " needs a value (--" + name + "=...)");
            } else {
                throw new Refusal("unknown option '" + a + "' for '" + command + "'");
            }
        }
        return o;
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    String required(String name) throws Refusal {
        return get(name).orElseThrow(() -> new Refusal("missing required option --" + name + "=..."));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
