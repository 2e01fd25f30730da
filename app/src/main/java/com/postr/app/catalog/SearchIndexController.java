package com.postr.app.catalog;

import com.postr.api.catalog.FetchSearchIndexStatusQuery;
import com.postr.api.catalog.RebuildSearchIndexCommand;
import com.postr.api.catalog.SearchIndexStatus;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of the search index, and its rebuild (docs/operations.md, "Catalog search"). */
@RestController
@RequestMapping("/api/v1/admin/search-index")
@Tag(name = "Operations")
class SearchIndexController {

    private final Commands commands;
    private final Queries queries;

    SearchIndexController(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Which index serves searches, how many changes wait to be indexed, and any rebuild")
    SearchIndexStatus status() {
        return queries.ask(new FetchSearchIndexStatusQuery(), SearchIndexStatus.class);
    }

    @PostMapping("/rebuilds")
    @Operation(summary = "Build a new index from the catalog and switch searches to it when full",
            description = "Runs in the background; the current index serves meanwhile. Poll GET for progress.")
    @ApiResponse(responseCode = "202", description = "Started; the body says into which index")
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: a rebuild runs, or the engine "
            + "is PostgreSQL, which has no index to rebuild",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<SearchIndexStatus> rebuild() {
        SearchIndexStatus started = commands.send(new RebuildSearchIndexCommand());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(started);
    }
}
