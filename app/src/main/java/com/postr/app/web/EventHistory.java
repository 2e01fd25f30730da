package com.postr.app.web;

import com.postr.api.common.EventHistoryResponse;
import com.postr.api.common.FetchEventHistoryQuery;
import com.postr.app.web.error.ApiException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.stereotype.Component;

/** An aggregate's stored events, for the {@code /events} sub-resources that auditors read. */
@Component
public class EventHistory {

    private final Queries queries;

    EventHistory(Queries queries) {
        this.queries = queries;
    }

    public EventHistoryResponse of(String what, String id) {
        if (id.length() > 64) {
            throw ApiException.notFound(what, id);
        }
        return queries.ask(new FetchEventHistoryQuery(id), ResponseTypes.optionalInstanceOf(EventHistoryResponse.class))
                .orElseThrow(() -> ApiException.notFound(what, id));
    }
}
