package com.postr.query.search;

/**
 * Which typed words are forgiven as typos, and for which catalog words. Only a word the catalog does not use is:
 * one it uses ({@code golden}, {@code red}) is taken as typed, as a shopper means it, and does not also find its
 * neighbours ({@code garden}, {@code rod}). Both engines learn which typed words the catalog uses from
 * {@link SearchDocuments#catalogWords}.
 * <p>
 * A catalog word counts as a typed word misspelt under Elasticsearch's fuzziness AUTO, which allows no edit below 3
 * letters, one from 3 to 5 and two from 6, where an edit is one inserted, deleted or changed letter or two
 * neighbours swapped (optimal string alignment distance); and, as the Elasticsearch engine asks
 * ({@code prefix_length} 1), the first letter is right, which keeps the candidates few.
 */
final class Spelling {

    private Spelling() {
    }

    static boolean isTypoOf(String candidate, String typed) {
        int allowed = typed.length() < 3 ? 0 : typed.length() < 6 ? 1 : 2;
        return Math.abs(candidate.length() - typed.length()) <= allowed && candidate.charAt(0) == typed.charAt(0)
                && distance(candidate, typed) <= allowed;
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
