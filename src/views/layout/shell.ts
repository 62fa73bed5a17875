/** Below this width the navigation is a drawer and the header holds only the menu, title and search. */
export const NARROW_QUERY = '(max-width: 767.98px)'
