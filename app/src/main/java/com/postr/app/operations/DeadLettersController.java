package com.postr.app.operations;

import com.postr.app.audit.AuditLog;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.json.PageJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events that projections and sagas could not handle, parked per sequence: listed, retried (one sequence or all of
 * a processor's) and evicted. Every change is in the audit log before it is made.
 */
@RestController
@Validated
@RequestMapping("/api/v1/admin")
@Tag(name = "Operations")
class DeadLettersController {

    private final DeadLetters letters;
    private final AuditLog log;

    DeadLettersController(DeadLetters letters, AuditLog log) {
        this.letters = letters;
        this.log = log;
    }

    @GetMapping("/dead-letters")
    @Operation(summary = "Parked events, by processor, sequence and order within it: the event, the error, the "
            + "attempts, and when the next automatic retry is due",
            description = "A letter is retrying (it is retried automatically with back-off), parked (it failed "
                    + "postr.dead-letters.max-attempts times and waits for an operator), queued (behind an earlier "
                    + "letter of its sequence) or processing. A letter blocks only its own sequence: the projection's "
                    + "aggregate, or the saga's order.")
    @ApiResponse(responseCode = "200", description = "The letters")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: no processor of that name parks events",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PageJson<DeadLetters.Letter> list(
            @RequestParam(required = false) @Parameter(description = "only this processor's letters")
            String processor,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        if (processor != null && !letters.groups().contains(processor)) {
            throw ApiException.invalidField("processor", "must be one of " + letters.groups());
        }
        return PageJson.of(letters.list(processor, (page - 1) * limit, limit), page, limit, letters.count(processor));
    }

    @GetMapping("/dead-letters/{id}")
    @Operation(summary = "One parked event")
    @ApiResponse(responseCode = "200", description = "The letter")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    DeadLetters.Letter one(@PathVariable String id) {
        return letters.one(id);
    }

    @PostMapping("/dead-letters/{id}/retry")
    @Operation(summary = "Deliver the letter's sequence again, from its first letter, in order, until one fails",
            description = "Retrying ignores the back-off and the attempt limit. A letter that fails again stays "
                    + "parked with its new error and one more attempt; succeeded says whether the whole sequence "
                    + "went through.")
    @ApiResponse(responseCode = "200", description = "Tried")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    DeadLetters.Retry retry(@PathVariable String id) {
        letters.one(id);
        log.recordChange("retry dead letter", id);
        return letters.retry(id);
    }

    @PostMapping("/processors/{name}/dead-letters/retry")
    @Operation(summary = "Deliver every parked sequence of one processor again")
    @ApiResponse(responseCode = "200", description = "Tried: how many sequences went through and how many failed")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no processor of that name parks events",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    DeadLetters.RetryAll retryAll(@PathVariable String name) {
        letters.requireGroup(name);
        log.recordChange("retry dead letters", name);
        return letters.retryAll(name);
    }

    @DeleteMapping("/dead-letters/{id}")
    @Operation(summary = "Evict the letter: its event is given up on for this processor; the rest of its sequence "
            + "stays parked until retried")
    @ApiResponse(responseCode = "204", description = "Evicted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<Void> evict(@PathVariable String id) {
        letters.one(id);
        log.recordChange("evict dead letter", id);
        letters.evict(id);
        return ResponseEntity.noContent().build();
    }
}
