package org.ketacare.fhir.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ketacare.fhir.FhirProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class ExportQueueTests {

	private static final UUID CLINIC = UUID.randomUUID();

	@Test
	void placesAreTheThreadsAndTheQueueAndComeBackWhenAJobEnds() throws Exception {
		ExportQueue queue = new ExportQueue(properties(1, 1));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		try {
			UUID running = UUID.randomUUID();
			UUID waiting = UUID.randomUUID();
			queue.reserve().orElseThrow().submit(CLINIC, running, () -> {
				started.countDown();
				awaitQuietly(release);
			});
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			queue.reserve().orElseThrow().submit(CLINIC, waiting, () -> {
			});

			assertThat(queue.reserve()).isEmpty();
			assertThat(queue.waiting(CLINIC)).containsExactly(waiting);
			assertThat(queue.waiting(UUID.randomUUID())).isEmpty();

			release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting(CLINIC).isEmpty());
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				Optional<ExportQueue.Reservation> place = queue.reserve();
				place.ifPresent(ExportQueue.Reservation::release);
				return place.isPresent();
			});
		}
		finally {
			release.countDown();
			queue.destroy();
		}
	}

	@Test
	void aPlaceGivenBackIsFreeAgainAndIsUsedOnce() {
		ExportQueue queue = new ExportQueue(properties(1, 0));
		try {
			ExportQueue.Reservation place = queue.reserve().orElseThrow();
			assertThat(queue.reserve()).isEmpty();
			place.release();
			place.release();
			ExportQueue.Reservation again = queue.reserve().orElseThrow();
			assertThat(queue.reserve()).isEmpty();
			again.release();
			assertThatIllegalStateException().isThrownBy(() -> again.submit(CLINIC, UUID.randomUUID(), () -> {
			}));
		}
		finally {
			queue.destroy();
		}
	}

	private static FhirProperties properties(int threads, int queue) {
		return new FhirProperties(Duration.ofHours(24), Duration.ofMinutes(10), threads, queue);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
