package com.postr.app.web.filter;

import com.postr.app.web.filter.ControlCharacters;

/**
 * PostgreSQL refuses U+0000 in {@code text} and {@code jsonb}, and the other C0 controls have no business in a
 * name, an address or a filter; tab, line feed and carriage return stay allowed for free text. Every string the
 * API takes (bodies, query parameters, paths, headers) is checked against this one rule.
 */
public final class ControlCharacters {

    public static final String MESSAGE = "must not contain control characters (U+0000 to U+001F other than tab, "
            + "line feed and carriage return)";

    private ControlCharacters() {
    }

    public static boolean present(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
