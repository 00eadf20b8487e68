/**
 * How the council appears on every page. Council-neutral by default: a
 * council sets its own name and service names; nothing here is GOV.UK's own
 * branding, because GOV.UK's crown and logotype are reserved for central
 * government services.
 */
export interface Branding {
  /** The council's name. Default: `"Anytown Borough Council"`. */
  councilName: string;
  /** Service name shown on the agent desktop. Default: `"Contact centre"`. */
  agentServiceName: string;
  /** Service name shown on the resident portal. Default: `"Council services"`. */
  portalServiceName: string;
  /** Text in the footer. Default: a line saying this is a demonstration. */
  footerText: string;
}

/** The placeholder branding used when a council has not set its own. */
export const defaultBranding: Branding = {
  councilName: 'Anytown Borough Council',
  agentServiceName: 'Contact centre',
  portalServiceName: 'Council services',
  footerText: 'A councilkit demonstration. Residents and cases shown are synthetic.',
};
