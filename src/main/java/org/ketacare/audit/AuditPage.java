package org.ketacare.audit;

import java.util.List;

/** One page of audit events, newest first. */
public record AuditPage(List<AuditEvent> events, int page, int pageSize, boolean hasNext) {
}
