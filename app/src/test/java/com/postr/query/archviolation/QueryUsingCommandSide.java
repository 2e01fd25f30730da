package com.postr.query.archviolation;

/** Test fixture for ArchitectureTest: breaks a boundary on purpose. Not a bean, never scanned into a context. */
public class QueryUsingCommandSide {

    public Class<?> reachAcross() {
        return com.postr.command.catalog.SkuRegistry.class;
    }
}
