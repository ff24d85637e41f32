/**
 * What every page shares: the layout, navigation by role, the sign-in page, the home page
 * and the error page. Knows each module's pages by address, and the open safety alerts
 * through the outcomes module's public API.
 */
package org.ketacare.web;
