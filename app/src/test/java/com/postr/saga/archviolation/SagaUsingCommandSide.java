package com.postr.saga.archviolation;

/** Test fixture for ArchitectureTest: breaks a boundary on purpose. Not a bean, never scanned into a context. */
public class SagaUsingCommandSide {

    public Class<?> reachAcross() {
        return com.postr.command.catalog.SkuRegistry.class;
    }
}
