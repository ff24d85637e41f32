package org.ketacare.fhir.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.ketacare.fhir.FhirProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * This node's bulk exports: a few threads of their own
 * ({@code ketacare.fhir.export-threads}) and a bounded wait
 * ({@code ketacare.fhir.export-queue}), so that many clinics' exports neither hold up the
 * application's other background work nor pile up without end. A place is reserved before
 * an export is stored, so a full node refuses a kick-off without writing anything. It
 * knows which stored jobs are still waiting here, for the sweep to tell them apart from
 * jobs whose node went away.
 */
@Component
public class ExportQueue implements DisposableBean {

	private final ThreadPoolExecutor threads;

	private final Semaphore places;

	private final Map<UUID, UUID> waitingJobClinics = new ConcurrentHashMap<>();

	ExportQueue(FhirProperties properties) {
		this.threads = new ThreadPoolExecutor(properties.exportThreads(), properties.exportThreads(), 0,
				TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new CustomizableThreadFactory("fhir-export-"));
		this.places = new Semaphore(properties.exportThreads() + properties.exportQueue());
	}

	/**
	 * A place for one export, or empty when this node's threads are busy and its queue is
	 * full. A place not used is given back with {@link Reservation#release()}.
	 */
	public Optional<Reservation> reserve() {
		return this.places.tryAcquire() ? Optional.of(new Reservation()) : Optional.empty();
	}

	/** The stored jobs of the clinic that wait here for a thread. */
	Set<UUID> waiting(UUID clinicId) {
		return this.waitingJobClinics.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(clinicId))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	@Override
	public void destroy() {
		this.threads.shutdownNow();
	}

	/** One reserved place: used once, by a job or given back. */
	public final class Reservation {

		private final AtomicBoolean used = new AtomicBoolean();

		private Reservation() {
		}

		/**
		 * Runs the clinic's job on an export thread, after the jobs reserved before it;
		 * until it starts, the job counts as waiting here.
		 */
		public void submit(UUID clinicId, UUID jobId, Runnable job) {
			if (!this.used.compareAndSet(false, true)) {
				throw new IllegalStateException("This place was already used");
			}
			ExportQueue.this.waitingJobClinics.put(jobId, clinicId);
			ExportQueue.this.threads.execute(() -> {
				try {
					ExportQueue.this.waitingJobClinics.remove(jobId);
					job.run();
				}
				finally {
					ExportQueue.this.places.release();
				}
			});
		}

		/** Gives the place back unused, such as when the export could not be stored. */
		public void release() {
			if (this.used.compareAndSet(false, true)) {
				ExportQueue.this.places.release();
			}
		}

	}

}
