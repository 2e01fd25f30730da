package com.postr.app.identity;

import com.postr.identity.Tokens;

/** The answer to login and refresh (RFC 6749, section 5.1, plus the account). */
record TokenJson(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn,
                 UserJson user) {

    static TokenJson of(Tokens.Issued issued) {
        return new TokenJson(issued.accessToken(), "Bearer", issued.expiresIn(), issued.refreshToken(),
                issued.refreshExpiresIn(), UserJson.of(issued.account()));
    }
}
