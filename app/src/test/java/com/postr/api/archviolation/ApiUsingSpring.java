package com.postr.api.archviolation;

/** Test fixture for ArchitectureTest: breaks a boundary on purpose. Not a bean, never scanned into a context. */
public class ApiUsingSpring {

    public Class<?> reachAcross() {
        return org.springframework.stereotype.Component.class;
    }
}
