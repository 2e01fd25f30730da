package com.postr.command.support;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

/** Fixture-test matcher: the command was refused with this code. */
public final class Rejections {

    private Rejections() {
    }

    public static Matcher<Throwable> rejectedWith(RejectionCode code) {
        return new CustomTypeSafeMatcher<>("a command rejected with " + code) {
            @Override
            protected boolean matchesSafely(Throwable e) {
                return e instanceof CommandRejectedException rejected && rejected.code() == code;
            }
        };
    }
}
