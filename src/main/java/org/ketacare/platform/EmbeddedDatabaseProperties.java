package org.ketacare.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when {@code spring.datasource.url} (or
 * {@code KETACARE_DB_URL}) is not set.
 *
 * @param dataDirectory where the database files live; kept across restarts
 * @param clean wipe the data directory at start (tests only)
 * @param port the port to listen on; 0 picks a free one
 */
@ConfigurationProperties("ketacare.db.embedded")
record EmbeddedDatabaseProperties(@DefaultValue("./data/postgres") Path dataDirectory,
		@DefaultValue("false") boolean clean, @DefaultValue("0") int port) {
}
