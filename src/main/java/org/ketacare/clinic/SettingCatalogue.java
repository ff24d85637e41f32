package org.ketacare.clinic;

import java.util.List;

/**
 * A module's clinic settings. Each module that needs clinical numbers declares a bean of
 * this type; the settings pages and {@link ClinicSettings} pick them all up.
 */
public interface SettingCatalogue {

	List<SettingDefinition> settings();

}
