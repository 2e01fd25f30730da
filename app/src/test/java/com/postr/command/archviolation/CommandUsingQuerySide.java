package com.postr.command.archviolation;

/** Test fixture for ArchitectureTest: breaks a boundary on purpose. Not a bean, never scanned into a context. */
public class CommandUsingQuerySide {

    public Class<?> reachAcross() {
        return com.postr.query.catalog.CatalogProjection.class;
    }
}
