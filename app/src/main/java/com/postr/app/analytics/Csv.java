package com.postr.app.analytics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4180 rows, safe to open in a spreadsheet: a cell that would start a formula is prefixed with a quote. */
final class Csv {

    private final OutputStream out;

    Csv(OutputStream out) {
        this.out = out;
    }

    void row(Object... cells) throws IOException {
        row(java.util.Arrays.asList(cells)); // cells may be null (an average of no orders)
    }

    void row(List<?> cells) throws IOException {
        var line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        line.append("\r\n");
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        var text = value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
