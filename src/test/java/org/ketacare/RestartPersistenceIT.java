package org.ketacare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.clinic.Clinics;
import org.ketacare.clinic.NewStaffMember;
import org.ketacare.clinic.StaffDirectory;
import org.ketacare.platform.Role;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop KetaCare and start it again on the same data directory: everything is still there,
 * and demo data is not created twice.
 */
class RestartPersistenceIT {

	private Path dataDirectory;

	@BeforeEach
	void freshDirectory() throws IOException {
		this.dataDirectory = Files.createTempDirectory("ketacare-restart");
	}

	@AfterEach
	void removeDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(this.dataDirectory);
	}

	@Test
	void dataSurvivesARestart() {
		try (ConfigurableApplicationContext first = start()) {
			StaffDirectory directory = first.getBean(StaffDirectory.class);
			TestStaff staff = new TestStaff(first.getBean(org.springframework.jdbc.core.simple.JdbcClient.class),
					directory);
			directory.create(staff.demo("admin.main"), new NewStaffMember("kept.main", "Kept Across Restarts",
					EnumSet.of(Role.NURSE), TestStaff.PASSWORD));
		}
		try (ConfigurableApplicationContext second = start()) {
			Clinics clinics = second.getBean(Clinics.class);
			assertThat(clinics.all()).extracting((clinic) -> clinic.slug()).containsExactlyInAnyOrder("main", "north");
			StaffDirectory directory = second.getBean(StaffDirectory.class);
			assertThat(directory.list(clinics.findBySlug("main").orElseThrow().id()))
				.anySatisfy((member) -> assertThat(member.username()).isEqualTo("kept.main"));
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(KetaCareApplication.class).profiles("test")
			.run("--server.port=0", "--ketacare.db.embedded.data-directory=" + this.dataDirectory,
					"--ketacare.db.embedded.clean=false");
	}

}
