package com.postr.api.catalog;

/** The configured search engine cannot answer now (Elasticsearch down); retry later. */
public class SearchUnavailableException extends RuntimeException {

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
