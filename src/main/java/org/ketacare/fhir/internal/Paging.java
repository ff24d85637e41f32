package org.ketacare.fhir.internal;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Date filters, {@code _sort=date} and offset paging ({@code _count}, {@code _offset})
 * over one patient's resources, with the next and previous links HAPI writes from them.
 */
final class Paging {

	static final int DEFAULT_COUNT = 50;

	static final int MAX_COUNT = 200;

	private Paging() {
	}

	/** Oldest first unless {@code _sort=-date}; no other sort is supported. */
	static <T> Comparator<T> byDate(SortSpec sort, Function<T, Date> date) {
		if (sort != null && (!"date".equals(sort.getParamName()) || sort.getChain() != null)) {
			throw new InvalidRequestException("Only _sort=date and _sort=-date are supported");
		}
		Comparator<T> oldestFirst = Comparator.comparing(date, Comparator.nullsFirst(Comparator.naturalOrder()));
		return (sort != null && sort.getOrder() == SortOrderEnum.DESC) ? oldestFirst.reversed() : oldestFirst;
	}

	static boolean within(DateRangeParam range, Date date) {
		if (range == null) {
			return true;
		}
		if (date == null) {
			return false;
		}
		Date from = range.getLowerBoundAsInstant();
		Date to = range.getUpperBoundAsInstant();
		return (from == null || !date.before(from)) && (to == null || !date.after(to));
	}

	static int count(Integer count) {
		return (count == null) ? DEFAULT_COUNT : Math.min(Math.max(count, 1), MAX_COUNT);
	}

	static int offset(Integer offset) {
		return (offset == null) ? 0 : Math.max(offset, 0);
	}

	/** One page of a list the caller has loaded whole. */
	static IBundleProvider page(List<? extends IBaseResource> all, Integer offset, Integer count) {
		int size = count(count);
		int from = offset(offset);
		return page(all.subList(Math.min(from, all.size()), Math.min(from + size, all.size())), from, size, all.size());
	}

	/** One page the database has already cut, of {@code total} matches in all. */
	static IBundleProvider page(List<? extends IBaseResource> shown, int from, int size, int total) {
		SimpleBundleProvider page = new SimpleBundleProvider(shown);
		page.setCurrentPageOffset(from);
		page.setCurrentPageSize(size);
		page.setSize(total);
		return page;
	}

}
