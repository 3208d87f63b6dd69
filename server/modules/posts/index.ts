export { titleVersionHolds } from "./posts.repo.ts";
export { postsRoutes } from "./posts.routes.ts";
export { createPostsService, type PostsService, type SeatOccupancy } from "./posts.service.ts";
export { seats, titles, titleVersions } from "./schema.ts";
