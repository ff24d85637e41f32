/**
 * What every module stands on: the clock, the database, the signed-in staff member, roles
 * and error handling. Shared by all modules; it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.ketacare.platform;
