package dev.nnj.examples.cli;

import java.util.List;

/** Writes CSV fields, quoting those that hold a comma, a quote or a line break (RFC 4180). */
final class Csv {
    private Csv() {
    }

    /**
     * @param fields the fields of one line
     * @return them joined by commas, each quoted where needed
     */
    static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (b.length() > 0) {
                b.append(',');
            }
            boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")
                    || !f.equals(f.strip());
            b.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
        }
        return b.toString();
    }
}
