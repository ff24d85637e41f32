package org.ketacare.clinic;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ketacare.platform.Role;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The required roles as the shipped configuration files set them. The integration tests
 * run with the default (empty) requirement; they exercise the forced set-up through a
 * person the administrator requires it of, which goes through the same check.
 */
class SecondFactorPropertiesTests {

	@Test
	void theDefaultProfileRequiresTwoStepSignInOfNobody() throws IOException {
		SecondFactorProperties properties = bind("application.yml");
		assertThat(properties.secondFactorRequiredRoles()).isEmpty();
		assertThat(properties.requiredFor(EnumSet.allOf(Role.class))).isFalse();
	}

	@Test
	void prodRequiresItOfAllFiveRoles() throws IOException {
		SecondFactorProperties properties = bind("application.yml", "application-prod.yml");
		assertThat(properties.secondFactorRequiredRoles()).isEqualTo(EnumSet.allOf(Role.class));
		for (Role role : Role.values()) {
			assertThat(properties.requiredFor(Set.of(role))).as(role.name()).isTrue();
		}
	}

	@Test
	void oneRequiredRoleAmongSeveralIsEnough() {
		SecondFactorProperties properties = new SecondFactorProperties("", Set.of(Role.PHYSICIAN));
		assertThat(properties.requiredFor(Set.of(Role.INTAKE, Role.PHYSICIAN))).isTrue();
		assertThat(properties.requiredFor(Set.of(Role.INTAKE, Role.NURSE))).isFalse();
	}

	private static SecondFactorProperties bind(String... files) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		for (String file : files) {
			List<PropertySource<?>> sources = loader.load(file, new ClassPathResource(file));
			sources.forEach((source) -> environment.getPropertySources().addFirst(source));
		}
		return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("ketacare.security",
				SecondFactorProperties.class);
	}

}
