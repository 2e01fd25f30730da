package com.postr.api.catalog;

/** The paper a poster is printed on. */
public enum PaperFinish {
    MATTE, GLOSSY
}
