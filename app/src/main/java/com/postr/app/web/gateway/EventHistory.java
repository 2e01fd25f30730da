package com.postr.app.web.gateway;

import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.EventHistory;

import com.postr.api.common.EventHistoryResponse;
import com.postr.api.common.FetchEventHistoryQuery;
import com.postr.identity.Caller;
import com.postr.identity.Role;
import com.postr.app.web.error.ApiException;
import org.springframework.stereotype.Component;

/** An aggregate's stored events, for the {@code /events} sub-resources that auditors read. */
@Component
public class EventHistory {

    private final Queries queries;

    EventHistory(Queries queries) {
        this.queries = queries;
    }

    public EventHistoryResponse of(String what, String id) {
        Caller.current().require(Role.ADMIN, Role.SUPPORT); // who caused what is staff's to read
        return queries.find(new FetchEventHistoryQuery(id), EventHistoryResponse.class)
                .orElseThrow(() -> ApiException.notFound(what, id));
    }
}
